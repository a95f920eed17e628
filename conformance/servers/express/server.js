// An Express app configured the ways people use the npm cors package. corsim's Go tests
// (conformance/servers/express_test.go) start it on a loopback port and judge its answers.
'use strict';
const express = require('express');
const cors = require('cors');

const app = express();
const data = (req, res) => res.json({ email: 'user@example.com' });

// The package's defaults: origin "*", methods GET,HEAD,PUT,PATCH,POST,DELETE, a 204 preflight.
app.options('/defaults/*', cors());
app.all('/defaults/*', cors(), data);

// origin: true reflects the request's origin, and credentials: true allows cookies: any site
// can read the user's data.
const reflect = cors({ origin: true, credentials: true });
app.options('/reflect/*', reflect);
app.all('/reflect/*', reflect, data);

// An allow-list in a function that echoes the origin itself, forgetting Vary: Origin.
const allowList = (req, res, next) => {
  const origin = req.get('Origin');
  if (origin === 'https://app.example') {
    res.set('Access-Control-Allow-Origin', origin);
  }
  if (req.method === 'OPTIONS') {
    res.set('Access-Control-Allow-Methods', 'GET, PUT');
    return res.sendStatus(204);
  }
  next();
};
app.all('/allow-list/*', allowList, data);

const port = Number(process.argv[2] || process.env.PORT);
app.listen(port, '127.0.0.1', () => console.log('listening'));
