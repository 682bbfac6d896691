export * from './knowledge.module';
/** The lesson search statement, for the benchmark's EXPLAIN of what the api runs. */
export { SEARCH as LESSON_SEARCH } from './lessons/lesson.sql';
export * as resourceStatements from './resources/resource.sql';
