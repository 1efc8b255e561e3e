import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { assertProvider, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { NotFoundError } from '@placematch/kernel';
import { API_KEY_AUTH, BEARER_AUTH } from '@placematch/platform';
import { CommandContext, LoadAggregate, Loaded } from '@placematch/runtime';
import { DEFAULT_STALE_AFTER_DAYS, Provider, Setting, staleSince } from '@placematch/supply';
import { SettingsReadModel } from '../settings/settings.read-model';
import { staleVacancies } from './stale-vacancy-reminders';

const NOT_FOUND = { code: 'PROVIDER.NOT_FOUND', message: 'No such provider' };
const DAY_MS = 86_400_000;

/** A stale vacancy as a provider's reminder list shows it. */
export interface StaleVacancyReminder {
  settingId: string;
  settingName: string;
  vacancyId: string;
  places: number;
  availableFrom: string;
  lastConfirmedAt: string;
  staleSince: string;
  /** The reminders sent since the last confirmation; `null` when the daily job has not reminded yet. */
  confirmationRequested: {
    firstRequestedAt: string;
    lastRequestedAt: string;
    reminders: number;
  } | null;
}

/**
 * Stale-vacancy reminders as providers see them: their open vacancies unconfirmed for the stale period, with
 * the reminders the daily job recorded. Confirming (or changing, or closing) a vacancy clears it. A provider
 * sees only its own; another provider's id is 404.
 */
@ApiTags('provider: settings and vacancies')
@ApiBearerAuth(BEARER_AUTH)
@ApiSecurity(API_KEY_AUTH)
@Roles('provider', 'operator')
@Controller('api/providers')
export class RemindersController {
  constructor(
    private readonly queries: QueryBus,
    private readonly context: CommandContext,
    private readonly settings: SettingsReadModel,
  ) {}

  @Get(':providerId/reminders')
  @ApiOperation({
    summary: `The provider's stale vacancies (unconfirmed for ${DEFAULT_STALE_AFTER_DAYS} days) with the reminders sent; confirming a vacancy clears it`,
  })
  async list(@CurrentPrincipal() p: Principal, @Param('providerId', ParseUUIDPipe) providerId: string) {
    const provider: Loaded<Provider> = await this.queries.execute(new LoadAggregate('provider', providerId));
    if (provider.state.status === 'Unregistered') throw new NotFoundError(NOT_FOUND.code, NOT_FOUND.message);
    assertProvider(p, providerId, NOT_FOUND);
    const now = this.context.now();
    const cutoff = new Date(now.getTime() - DEFAULT_STALE_AFTER_DAYS * DAY_MS);
    const reminders: StaleVacancyReminder[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.settings.withVacanciesConfirmedBy(cutoff, { providerId, after });
      if (page.length === 0) break;
      for (const { settingId } of page) {
        // The read model finds the candidates; the stream says what is true now, so a confirmation made a
        // moment ago clears the reminder even before the read model has caught up.
        const loaded: Loaded<Setting> = await this.queries.execute(new LoadAggregate('setting', settingId));
        if (loaded.state.status === 'Unregistered') continue;
        for (const v of staleVacancies(loaded.state, now)) {
          const asked = v.confirmationRequested;
          reminders.push({
            settingId,
            settingName: loaded.state.details.name,
            vacancyId: v.vacancyId,
            places: v.places,
            availableFrom: v.availableFrom,
            lastConfirmedAt: v.lastConfirmedAt,
            staleSince: staleSince(v),
            confirmationRequested: asked
              ? {
                  firstRequestedAt: asked.firstRequestedAt,
                  lastRequestedAt: asked.lastRequestedAt,
                  reminders: asked.reminders,
                }
              : null,
          });
        }
      }
      after = page[page.length - 1].settingId;
    }
    return {
      providerId,
      asOf: now.toISOString(),
      staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
      vacancies: reminders,
    };
  }
}
