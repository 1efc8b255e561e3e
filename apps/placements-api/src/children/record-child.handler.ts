import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GEOCODER, Geocoder } from '@placematch/geo';
import { Actor } from '@placematch/kernel';
import {
  ChildDetails,
  ChildId,
  CinCategoryCode,
  GenderCode,
  LegalStatusCode,
  RecordChild,
} from '@placematch/placements';
import { CommandContext, ExecuteCommand } from '@placematch/runtime';
import { CommunicationMethod, DisabilityCode, EthnicityCode, Religion } from '@placematch/supply';
import { locateField } from '../shared/geocode';
import { PlacementIds } from '../shared/ids';
import { RecordChildDto } from './children.dto';

/** Records a child for the caller's authority: checks the postcodes can be placed, then decides. */
export class RecordChildCommand {
  constructor(
    readonly input: RecordChildDto,
    readonly localAuthority: string,
    readonly actor: Actor,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(RecordChildCommand)
export class RecordChildHandler implements ICommandHandler<RecordChildCommand> {
  constructor(
    @Inject(GEOCODER) private readonly geocoder: Geocoder,
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
    private readonly ids: PlacementIds,
  ) {}

  async execute({ input, localAuthority, actor, idempotencyKey }: RecordChildCommand): Promise<ChildId> {
    // The decider derives the coarse values (age in months, year group, sectors) itself; the geocoder is
    // asked first so that a postcode no one can place is refused now, naming it, rather than at the first
    // search, when the home and school grid references are needed.
    await locateField(this.geocoder, input.homePostcode, 'homePostcode');
    if (input.school) await locateField(this.geocoder, input.school.postcode, 'school.postcode');
    const childId = this.ids.forKey(`child:${localAuthority}`, idempotencyKey) as ChildId;
    const details: ChildDetails = {
      localAuthority,
      name: { given: input.name.given, family: input.name.family },
      dateOfBirth: input.dateOfBirth,
      homePostcode: input.homePostcode,
      ...(input.school && { school: { name: input.school.name, postcode: input.school.postcode } }),
      gender: input.gender as GenderCode,
      ethnicity: input.ethnicity as EthnicityCode,
      ...(input.religion !== undefined && { religion: input.religion as Religion }),
      languages: input.languages,
      communication: input.communication as CommunicationMethod[],
      disabilities: input.disabilities as DisabilityCode[],
      healthNeeds: input.healthNeeds,
      legalStatus: input.legalStatus as LegalStatusCode,
      cinCategory: input.cinCategory as CinCategoryCode,
      uasc: input.uasc,
    };
    const command: RecordChild = {
      type: 'RecordChild',
      at: this.context.now().toISOString(),
      data: { childId, ...details },
    };
    await this.commands.execute(new ExecuteCommand('child', childId, command, actor));
    return childId;
  }
}
