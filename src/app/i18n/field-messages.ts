// Loaded with the field-officer screens (App.tsx): their texts join the dictionaries only then.
// Officers' screens have no Madurese: they fall back to Indonesian (see languagesAt in index.ts).
import { addMessages } from './index.ts';
import en from './messages/field/en.json';
import id from './messages/field/id.json';

addMessages({ id, en });
