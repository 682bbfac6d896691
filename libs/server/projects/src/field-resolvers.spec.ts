import { PARAM_ARGS_METADATA, RESOLVER_PROPERTY_METADATA } from '@nestjs/graphql';
import { MilestoneResolver } from './milestone/milestone.resolver';
import { ProgramResolver } from './program/program.resolver';
import { ProjectResolver } from './project/project.resolver';
import { StatusReportResolver } from './status-report/status-report.resolver';

// @nestjs/graphql calls a field resolver directly only when its method has no parameter
// decorator (@Parent(), @Args(), @Context()…); one such decorator puts every call of the
// field back through Nest's per-call context, which a page of projects pays hundreds of times.
describe('field resolvers of a page of projects', () => {
  const fieldResolvers = (resolver: { prototype: object }) =>
    Object.getOwnPropertyNames(resolver.prototype).filter((name) => {
      const method = (resolver.prototype as Record<string, unknown>)[name];
      return typeof method === 'function' && Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, method) === true;
    });

  it.each([ProjectResolver, MilestoneResolver, ProgramResolver, StatusReportResolver])('%p take their parent as a plain argument', (resolver) => {
    const fields = fieldResolvers(resolver);
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) expect({ field, params: Reflect.getMetadata(PARAM_ARGS_METADATA, resolver, field) }).toEqual({ field, params: undefined });
  });
});
