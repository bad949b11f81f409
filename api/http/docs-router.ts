import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { buildOpenApiDocument } from './openapi';

export function docsRouter(): Router {
  const document = buildOpenApiDocument();
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  // Assets are served from the installed swagger-ui-dist: nothing is fetched from a CDN.
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Toewijzing API' }));
  return router;
}
