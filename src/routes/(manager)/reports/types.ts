import type { PageData } from './$types';

/** The report as the page receives it (the sections each take their part of it). */
export type Report = NonNullable<PageData['report']>;

/** The month report's own figures (more than one day): the table per day, 应收/实收/欠收, 预收. */
export type Month = NonNullable<PageData['month']>;
