// The GraphQL context. Over HTTP the tenant context is entered by middleware; over
// WebSocket (subscriptions) there is no request to hang it on, so the connection's
// context travels in the GraphQL context and the interceptor below re-enters it for
// every resolver that runs outside one.
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Observable } from 'rxjs';
import { peekContext, RequestContext, runWithContext } from '../tenancy/request-context';

export interface GraphqlContext {
  requestContext?: RequestContext;
}

@Injectable()
export class ConnectionContextInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType<string>() !== 'graphql' || peekContext()) return next.handle();
    const context = GqlExecutionContext.create(execution).getContext<GraphqlContext>().requestContext;
    if (!context) return next.handle();
    return new Observable((subscriber) =>
      runWithContext({ requestId: context.requestId, actor: context.actor }, () => next.handle().subscribe(subscriber)),
    );
  }
}
