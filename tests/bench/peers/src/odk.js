// ODK Web Forms as its README mounts it: a Vue app with WebFormsPlugin and one <OdkWebForm> given the
// XForm's XML (inlined in the page, as Enketo's form is).
import { OdkWebForm, webFormsPlugin } from '@getodk/web-forms';
import { createApp, h } from 'vue';

const formXml = document.getElementById('xform').textContent;
const app = createApp({
  render: () =>
    h(OdkWebForm, {
      formXml,
      fetchFormAttachment: () => Promise.reject(new Error('no attachments')),
      onSubmit: () => {},
    }),
});
app.use(webFormsPlugin);
app.mount('#app');
