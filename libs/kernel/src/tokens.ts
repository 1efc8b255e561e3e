/** Injection tokens for ports. Symbols, so two ports can never collide by name. */
export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');
