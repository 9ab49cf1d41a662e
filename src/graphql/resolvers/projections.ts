/** The read models against the log: the projector's status per projection, for operators. */
import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { ProjectionStatusType, type ProjectionStateValue } from '../types/projection-status';

@Resolver()
export class ProjectionsResolver {
  @Query(() => [ProjectionStatusType], {
    description:
      'Estado de cada proyección (modelo de lectura): punto de control, atraso frente a la bitácora, estado y, si se detuvo en un evento, cuál y por qué.',
  })
  async projections(@Ctx() ctx: Context): Promise<ProjectionStatusType[]> {
    const { head, projections } = await ctx.services.projector.lag();
    return projections.map((status) => ({
      name: status.projection,
      state: status.state as ProjectionStateValue,
      position: status.checkpoint,
      lag: head === null ? 0 : Math.max(0, head - (status.checkpoint ?? 0)),
      current: !status.behind,
      error: status.error,
      parked: status.parked,
    }));
  }
}
