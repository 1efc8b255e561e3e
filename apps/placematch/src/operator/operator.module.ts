import { Controller, Get, HttpCode, Inject, Module, Param, Post } from '@nestjs/common';
import {
  CommandBus,
  CommandHandler,
  ICommandHandler,
  IQueryHandler,
  QueryBus,
  QueryHandler,
} from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@placematch/auth';
import { NotFoundError } from '@placematch/kernel';
import { BEARER_AUTH } from '@placematch/platform';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';

/** Empties a projection and replays the log into it. */
export class RebuildProjection {
  constructor(readonly name: string) {}
}

/** Where each projection stands. */
export class GetProjectionStatus {}

@CommandHandler(RebuildProjection)
class RebuildProjectionHandler implements ICommandHandler<RebuildProjection> {
  constructor(@Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost) {}

  async execute({ name }: RebuildProjection) {
    if (!this.projections.names().includes(name)) {
      throw new NotFoundError('PROJECTION.NOT_FOUND', `No projection named ${name}`, {
        known: this.projections.names(),
      });
    }
    await this.projections.rebuild(name);
    return (await this.projections.status()).find((s) => s.name === name);
  }
}

@QueryHandler(GetProjectionStatus)
class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatus> {
  constructor(@Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost) {}

  execute() {
    return this.projections.status();
  }
}

/** What a council's operator runs: the state of the read models, and rebuilding one. */
@ApiTags('operator')
@ApiBearerAuth(BEARER_AUTH)
@Roles('operator')
@Controller('api/operator')
class OperatorController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('projections')
  @ApiOperation({ summary: 'Each SQL projection, its version, checkpoint and events applied' })
  projections() {
    return this.queries.execute(new GetProjectionStatus());
  }

  @Post('projections/:name/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Empty one projection and replay the whole log into it' })
  rebuild(@Param('name') name: string) {
    return this.commands.execute(new RebuildProjection(name));
  }
}

/** Operator endpoints. */
@Module({
  controllers: [OperatorController],
  providers: [RebuildProjectionHandler, GetProjectionStatusHandler],
})
export class OperatorModule {}
