// RAG never travels by colour alone: every status has a word and a symbol as well.
export type Rag = 'GREEN' | 'AMBER' | 'RED';

interface RagLook {
  label: string;
  symbol: string;
  className: string;
  /** The colour a chart paints it; text beside it carries the same status. */
  color: string;
}

const LOOKS: Record<Rag | 'NONE', RagLook> = {
  GREEN: { label: 'Green', symbol: '✓', className: 'rag-green', color: '#2e7d32' },
  AMBER: { label: 'Amber', symbol: '!', className: 'rag-amber', color: '#f9a825' },
  RED: { label: 'Red', symbol: '✕', className: 'rag-red', color: '#c62828' },
  NONE: { label: 'No RAG', symbol: '–', className: 'rag-none', color: '#9e9e9e' },
};

export function ragLook(rag: Rag | null | undefined): RagLook {
  return LOOKS[rag ?? 'NONE'];
}

/** Worst first: what a reader should look at before the rest. */
export const RAG_ORDER: Rag[] = ['RED', 'AMBER', 'GREEN'];

export function ragRank(rag: Rag | null | undefined): number {
  return rag ? RAG_ORDER.indexOf(rag) : RAG_ORDER.length;
}

/** The worst of several statuses (null when none has one). */
export function worstRag(rags: Array<Rag | null | undefined>): Rag | null {
  let worst: Rag | null = null;
  for (const rag of rags) if (rag && (worst === null || ragRank(rag) < ragRank(worst))) worst = rag;
  return worst;
}
