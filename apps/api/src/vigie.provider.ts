import { Inject } from '@nestjs/common';

/** The composed Vigie (libs/application) the controllers run their use cases through: the Nest app is an adapter over it. */
export const VIGIE = Symbol('Vigie');

/** Injects the composed Vigie. */
export const InjectVigie = () => Inject(VIGIE);
