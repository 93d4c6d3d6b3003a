import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: adapter({ out: 'build', precompress: false }),
    // Strict CSP: no inline script without a nonce, no third party. SvelteKit adds nonces to its own bootstrap script.
    csp: {
      mode: 'nonce',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'object-src': ['none'],
      },
    },
    // CSRF: SvelteKit refuses cross-origin form posts (Origin header check); no origin is trusted beyond our own.
    csrf: { trustedOrigins: [] },
    inlineStyleThreshold: 0,
  },
};

export default config;
