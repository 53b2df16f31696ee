// Loaded with the field screens (App.tsx): their texts join the dictionaries only then.
import { fieldEn } from './field-en.ts';
import { fieldId } from './field-id.ts';
import { addMessages } from './index.ts';

addMessages({ id: fieldId, en: fieldEn });
