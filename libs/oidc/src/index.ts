export { OpenIdClientLogin } from './openid-client.login.js';
