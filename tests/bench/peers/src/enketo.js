// Enketo's form engine as Enketo Express uses it: the transformed form inlined in the page, the model
// string beside it, enketo-core's Form with all its widgets (enketo/widgets). The form stays hidden
// until Form.init() has bound it, so a field counts as usable only once Enketo handles it.
import { Form } from 'enketo-core';

const formEl = document.querySelector('form.or');
const modelStr = document.getElementById('enketo-model').textContent;
const form = new Form(formEl, { modelStr, external: [], session: {} }, {});
const loadErrors = form.init();
if (loadErrors.length) console.error('enketo load errors', loadErrors);
formEl.closest('.peer-form').hidden = false;
window.__peerReady = performance.now();
