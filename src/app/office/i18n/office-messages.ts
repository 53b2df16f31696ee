// Loaded with the back-office screens (App.tsx): their texts join the dictionaries only then. Kept
// beside those screens, so they stay out of the precache with them (online-only).

import { addMessages } from '../../i18n/index.ts';
import { officeEn } from './office-en.ts';
import { officeId } from './office-id.ts';

addMessages({ id: officeId, en: officeEn });
