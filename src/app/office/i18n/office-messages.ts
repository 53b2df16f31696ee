// Loaded with the back-office screens (App.tsx): their texts join the dictionaries only then. Kept
// beside those screens, so they stay out of the precache with them (online-only). The back office
// has no Madurese: it falls back to Indonesian (see languagesAt in src/app/i18n/index.ts).

import { addMessages } from '../../i18n/index.ts';
import formsEn from './messages/forms/en.json';
import formsId from './messages/forms/id.json';
import officeEn from './messages/office/en.json';
import officeId from './messages/office/id.json';

addMessages({ id: { ...officeId, ...formsId }, en: { ...officeEn, ...formsEn } });
