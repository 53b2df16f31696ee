// Loaded with the kiosk screens (App.tsx): their texts join the dictionaries only then.

import { addMessages } from './index.ts';
import { kioskEn } from './kiosk-en.ts';
import { kioskId } from './kiosk-id.ts';

addMessages({ id: kioskId, en: kioskEn });
