// Loaded with the screens of a sent application and the verification page: their texts join the dictionaries then.
import { addMessages } from './index.ts';
import { storyEn } from './story-en.ts';
import { storyId } from './story-id.ts';

addMessages({ id: storyId, en: storyEn });
