const DOCS_DOCUMENT_URL = '/api/docs-json';

/**
 * The script that starts Swagger UI on the documentation page, served as a file (the page's content security policy
 * runs no inline script). Kept as text, not as a function turned into text: the bundler would rename or wrap it.
 *
 * The page opens with a placeholder holding only the bearer scheme, so that the Authorize button is there before the
 * document is; it then fetches the document with the page's cookies (a web session on this origin loads it at once),
 * and again with the bearer token once the reader has authorized. Try it out sends that token as Swagger UI does.
 */
export const DOCS_PAGE_SCRIPT = `'use strict';
(function () {
  var DOCUMENT = ${JSON.stringify(DOCS_DOCUMENT_URL)};
  var placeholder = {
    openapi: '3.0.0',
    info: {
      title: 'Vigie',
      version: '',
      description: 'Click Authorize and give an API token (vig_…), or sign in to Vigie in this browser, to load the API document.'
    },
    paths: {},
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }
  };

  function load(ui, token) {
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    return fetch(DOCUMENT, { headers: headers, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) return false;
        return res.text().then(function (text) {
          ui.specActions.updateSpec(text);
          return true;
        });
      })
      .catch(function () {
        return false;
      });
  }

  function tokenOf(payload) {
    var bearer = payload && payload.bearer;
    return bearer && typeof bearer.value === 'string' ? bearer.value.trim() : '';
  }

  // Authorize: keep what Swagger UI does, then fetch the document with the token given.
  function LoadOnAuthorize(system) {
    return {
      statePlugins: {
        auth: {
          wrapActions: {
            authorize: function (original) {
              return function (payload) {
                var result = original(payload);
                var token = tokenOf(payload);
                if (token) load(system, token);
                return result;
              };
            }
          }
        }
      }
    };
  }

  window.addEventListener('load', function () {
    var ui = SwaggerUIBundle({
      spec: placeholder,
      dom_id: '#swagger-ui',
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis],
      plugins: [LoadOnAuthorize],
      layout: 'BaseLayout'
    });
    window.ui = ui;
    load(ui);
  });
})();
`;
