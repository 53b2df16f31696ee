// Loaded with the screens of a sent application and the verification page: their texts join the dictionaries then.
import { addMessages } from './index.ts';
import en from './messages/story/en.json';
import id from './messages/story/id.json';
import mad from './messages/story/mad.json';

addMessages({ id, en, mad });
