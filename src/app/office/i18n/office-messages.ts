// Loaded with the back-office screens (App.tsx): their texts join the dictionaries only then. Kept
// beside those screens, so they stay out of the precache with them (online-only).

import { addMessages } from '../../i18n/index.ts';
import { formsEn } from './forms-en.ts';
import { formsId } from './forms-id.ts';
import { officeEn } from './office-en.ts';
import { officeId } from './office-id.ts';

addMessages({ id: { ...officeId, ...formsId }, en: { ...officeEn, ...formsEn } });
