import type { PageData } from './$types';

/** The report as the page receives it (the sections each take their part of it). */
export type Report = NonNullable<PageData['report']>;
