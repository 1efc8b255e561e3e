import { ApiHeader } from '@nestjs/swagger';

/** The `Idempotency-Key` header of the endpoints that create a record. */
export const idempotencyHeader = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'Chosen by the client per intended record; a retry with the same key and body changes nothing, with another body it is 409',
});
