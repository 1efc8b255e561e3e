import { Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { CarersController } from './carers/carers.controller';
import { OfstedImportService } from './imports/ofsted-import.service';
import { OfstedImportController } from './imports/ofsted-import.controller';
import { OfstedImportJob } from './imports/ofsted-import.job';
import { ImportsModule } from '@placematch/imports';
import { ProvidersController } from './providers/providers.controller';
import { RemindersController } from './reminders/reminders.controller';
import { StaleVacancyReminders } from './reminders/stale-vacancy-reminders';
import { RegisterSettingHandler } from './settings/register-setting.handler';
import { SettingsController } from './settings/settings.controller';
import { SettingsReadModel } from './settings/settings.read-model';
import { AggregateRegistry } from '@placematch/runtime';
import { SUPPLY_AGGREGATES } from './shared/supply-aggregates';
import { IdempotencyStore } from './shared/idempotency.store';

/**
 * The supply context's API: what providers keep current (settings, approval terms, household profiles,
 * vacancies, carers' records) and what operators record about providers. Mounted by apps/placematch and
 * by the provider-api service.
 */
@Module({
  imports: [ApiKeysModule, ImportsModule],
  controllers: [
    ProvidersController,
    SettingsController,
    CarersController,
    RemindersController,
    OfstedImportController,
  ],
  providers: [
    RegisterSettingHandler,
    IdempotencyStore,
    SettingsReadModel,
    OfstedImportService,
    OfstedImportJob,
    StaleVacancyReminders,
  ],
  exports: [OfstedImportService],
})
export class ProviderApiModule {
  constructor(registry: AggregateRegistry) {
    SUPPLY_AGGREGATES.forEach((a) => registry.register(a));
  }
}
