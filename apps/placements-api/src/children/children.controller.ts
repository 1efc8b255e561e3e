import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { GEOCODER, Geocoder } from '@placematch/geo';
import {
  ChildCommand,
  ChildDetailsChanges,
  CinCategoryCode,
  GenderCode,
  LegalStatusCode,
} from '@placematch/placements';
import { BEARER_AUTH } from '@placematch/platform';
import { CommandContext, ExecuteCommand } from '@placematch/runtime';
import { CommunicationMethod, DisabilityCode, EthnicityCode, Religion } from '@placematch/supply';
import { locateField } from '../shared/geocode';
import { idempotencyHeader } from '../shared/openapi';
import { TEAM } from '../shared/scope';
import { ChildRecords } from './child-records';
import { childView } from './child.view';
import { ChildrenReadModel } from './children.read-model';
import { EraseChildDto, RecordChildDto, UpdateChildDto, WishesAndFeelingsDto } from './children.dto';
import { EraseChildCommand } from './erase-child.handler';
import { RecordChildCommand } from './record-child.handler';

/**
 * Children in care as their local authority records them. Only the authority's placement team sees or
 * changes its children (anyone else gets 404 and nothing changes); a commissioner never sees a child. Personal
 * fields are encrypted in the log with the child's own key; erasure deletes the key.
 */
@ApiTags('placements: children')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/children')
export class ChildrenController {
  constructor(
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
    private readonly children: ChildRecords,
    private readonly readModel: ChildrenReadModel,
    @Inject(GEOCODER) private readonly geocoder: Geocoder,
  ) {}

  @Post()
  @Roles(...TEAM)
  @idempotencyHeader
  @ApiOperation({
    summary: 'Record a child for the caller’s authority; postcodes are checked with the geocoder',
  })
  async record(
    @CurrentPrincipal() p: Principal,
    @Body() dto: RecordChildDto,
    @Headers('idempotency-key') key?: string,
  ) {
    const childId = await this.commands.execute(
      new RecordChildCommand(dto, p.localAuthority as string, actorOf(p), key),
    );
    return childView(await this.children.load(childId));
  }

  @Get()
  @Roles(...TEAM)
  @ApiOperation({
    summary:
      'The authority’s children from the read model: codes and coarse values only, never personal data',
  })
  list(@CurrentPrincipal() p: Principal) {
    return this.readModel.list(p.localAuthority as string);
  }

  @Get(':childId')
  @Roles(...TEAM)
  @ApiOperation({ summary: 'One child with personal fields; after erasure they read { erased: true }' })
  async get(@CurrentPrincipal() p: Principal, @Param('childId', ParseUUIDPipe) childId: string) {
    return childView(await this.children.owned(p, childId));
  }

  @Patch(':childId')
  @Roles(...TEAM)
  @ApiOperation({ summary: 'Change some of a child’s details; coarse values are derived again' })
  async update(
    @CurrentPrincipal() p: Principal,
    @Param('childId', ParseUUIDPipe) childId: string,
    @Body() dto: UpdateChildDto,
  ) {
    await this.children.owned(p, childId);
    if (dto.homePostcode !== undefined) await locateField(this.geocoder, dto.homePostcode, 'homePostcode');
    if (dto.school) await locateField(this.geocoder, dto.school.postcode, 'school.postcode');
    const changes: ChildDetailsChanges = {
      ...(dto.name !== undefined && { name: { given: dto.name.given, family: dto.name.family } }),
      ...(dto.dateOfBirth !== undefined && { dateOfBirth: dto.dateOfBirth }),
      ...(dto.homePostcode !== undefined && { homePostcode: dto.homePostcode }),
      ...(dto.school !== undefined && {
        school: dto.school === null ? null : { name: dto.school.name, postcode: dto.school.postcode },
      }),
      ...(dto.gender !== undefined && { gender: dto.gender as GenderCode }),
      ...(dto.ethnicity !== undefined && { ethnicity: dto.ethnicity as EthnicityCode }),
      ...(dto.religion !== undefined && { religion: dto.religion as Religion | null }),
      ...(dto.languages !== undefined && { languages: dto.languages }),
      ...(dto.communication !== undefined && {
        communication: dto.communication as CommunicationMethod[],
      }),
      ...(dto.disabilities !== undefined && { disabilities: dto.disabilities as DisabilityCode[] }),
      ...(dto.healthNeeds !== undefined && { healthNeeds: dto.healthNeeds }),
      ...(dto.legalStatus !== undefined && { legalStatus: dto.legalStatus as LegalStatusCode }),
      ...(dto.cinCategory !== undefined && { cinCategory: dto.cinCategory as CinCategoryCode }),
      ...(dto.uasc !== undefined && { uasc: dto.uasc }),
    };
    return this.run(p, childId, { type: 'UpdateChildDetails', at: this.now(), data: changes });
  }

  @Post(':childId/wishes-and-feelings')
  @Roles(...TEAM)
  @ApiOperation({ summary: 'Record the child’s wishes and feelings (M-01), who recorded them and when' })
  async wishes(
    @CurrentPrincipal() p: Principal,
    @Param('childId', ParseUUIDPipe) childId: string,
    @Body() dto: WishesAndFeelingsDto,
  ) {
    await this.children.owned(p, childId);
    return this.run(p, childId, {
      type: 'RecordWishesAndFeelings',
      at: this.now(),
      data: { summary: dto.summary, recordedBy: dto.recordedBy ?? p.subject, recordedOn: dto.recordedOn },
    });
  }

  @Post(':childId/erase')
  @HttpCode(200)
  @Roles('senior-manager', 'operator')
  @ApiOperation({
    summary:
      'Erase the child: its key is deleted, so its personal fields read as erased everywhere; codes remain',
  })
  async erase(
    @CurrentPrincipal() p: Principal,
    @Param('childId', ParseUUIDPipe) childId: string,
    @Body() dto: EraseChildDto,
  ) {
    await this.children.owned(p, childId);
    await this.commands.execute(new EraseChildCommand(childId, dto.reason, actorOf(p)));
    return childView(await this.children.load(childId));
  }

  private now() {
    return this.context.now().toISOString();
  }

  private async run(p: Principal, childId: string, command: ChildCommand) {
    await this.commands.execute(new ExecuteCommand('child', childId, command, actorOf(p)));
    return childView(await this.children.load(childId));
  }
}
