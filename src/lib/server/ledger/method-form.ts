// The method fields are zod schemas in ./forms.ts; these names stay for the routes that use them.
export { amountMessage, MAX_REF_LENGTH, parseMethodFields, type MethodFields } from './forms';

export { methodLabel } from '../../payment-methods';
