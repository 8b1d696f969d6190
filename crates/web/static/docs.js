// The API docs page: Swagger UI over the generated OpenAPI document.
window.ui = SwaggerUIBundle({ url: "/docs/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
