// Loaded with the kiosk screens (App.tsx): their texts join the dictionaries only then.
import { addMessages } from './index.ts';
import en from './messages/kiosk/en.json';
import id from './messages/kiosk/id.json';
import mad from './messages/kiosk/mad.json';

addMessages({ id, en, mad });
