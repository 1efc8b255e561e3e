export * from './stream-activity.projection';
