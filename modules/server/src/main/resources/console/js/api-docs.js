// Swagger UI over the API's own OpenAPI document; "Try it out" sends the console's session token if there is one.
import('/console/js/session.js').then(({ session }) => {
  const token = session.token();
  window.SwaggerUIBundle({
    url: '/api/v1/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    requestInterceptor: (request) => {
      if (token && !request.headers.Authorization) request.headers.Authorization = `Bearer ${token}`;
      return request;
    },
  });
});
