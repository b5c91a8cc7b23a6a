import express, { json } from 'express';
import request from 'supertest';
import { rawBody } from './raw-body.middleware.js';

describe(rawBody.name, () => {
  // As in the API: the raw reader on the signed path, then the JSON parser every route gets.
  const app = express();
  app.use('/signed', rawBody(64));
  app.use(json());
  app.post(['/signed', '/other'], (req, res) => {
    res.json({ raw: Buffer.isBuffer(req.body), text: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : req.body });
  });

  it('keeps the bytes received, whatever the content type, and the JSON parser leaves them alone', async () => {
    const body = '{ "a" :1 }';
    expect((await request(app).post('/signed').set('content-type', 'application/json').send(body)).body).toEqual({ raw: true, text: body });
    expect((await request(app).post('/signed').set('content-type', 'text/plain').send('a=1')).body).toEqual({ raw: true, text: 'a=1' });
    expect((await request(app).post('/other').set('content-type', 'application/json').send(body)).body).toEqual({ raw: false, text: { a: 1 } });
  });

  it('answers 413 for a body past the limit, announced or not', async () => {
    const res = await request(app)
      .post('/signed')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ x: 'y'.repeat(100) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'invalid-input' });
    const chunked = request(app).post('/signed').set('transfer-encoding', 'chunked');
    chunked.write('z'.repeat(40));
    chunked.write('z'.repeat(40));
    expect((await chunked).status).toBe(413);
  });
});
