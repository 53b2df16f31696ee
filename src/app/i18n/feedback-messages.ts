// Loaded with the complaint and survey screens (App.tsx): their texts join the dictionaries only then.
import { addMessages } from './index.ts';
import en from './messages/feedback/en.json';
import id from './messages/feedback/id.json';
import mad from './messages/feedback/mad.json';

addMessages({ id, en, mad });
