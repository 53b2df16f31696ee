// Loaded with the steps of the resident's form: their texts join the dictionaries then.
import { addMessages } from './index.ts';
import en from './messages/steps/en.json';
import id from './messages/steps/id.json';
import mad from './messages/steps/mad.json';

addMessages({ id, en, mad });
