// Loaded with the feedback screens (App.tsx): their texts join the dictionaries only then.
import { feedbackEn } from './feedback-en.ts';
import { feedbackId } from './feedback-id.ts';
import { addMessages } from './index.ts';

addMessages({ id: feedbackId, en: feedbackEn });
