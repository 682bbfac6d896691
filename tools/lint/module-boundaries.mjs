// The one statement of the architecture's direction, used by ESLint (`@nx/enforce-module-boundaries`)
// and by the test that proves the rule bites: apps → features → core → shared, never back.
export const moduleBoundaries = {
  // The test harness is for tests of any project, and drives them all: its cycles are by design.
  allow: ['@pmo/testing'],
  ignoredCircularDependencies: [['testing', '*']],
  depConstraints: [
    { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:feature', 'scope:core', 'scope:shared'] },
    { sourceTag: 'scope:feature', onlyDependOnLibsWithTags: ['scope:core', 'scope:shared'] },
    { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [] },
    // Scripts, benchmarks and the test harness drive the whole product.
    { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['*'] },
    { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['*'] },
  ],
};
