// A document template's own rules, beyond the lifecycle: a Markdown body of bounded size
// whose level-2 headings are the sections a project document of its kind must have.

export const MAX_TEMPLATE_BODY_BYTES = 100 * 1024;

/** The titles of a Markdown document's level-2 headings (`## Title`), outside code fences. */
export function sectionsOf(markdown: string): string[] {
  const sections: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^ {0,3}##(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
    if (!heading) continue;
    // A closing sequence of #s (`## Scope ##`) is not part of the title.
    const title = (heading[1] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim();
    if (title) sections.push(title);
  }
  return sections;
}
