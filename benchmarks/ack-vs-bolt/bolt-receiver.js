// Bolt-js's HTTP receiver as a Slack app would run it: signature verified, event acknowledged, a listener called.
// authorize answers at once: this offline run has no Slack to ask (auth.test) who the bot is.
const { App, LogLevel } = require('@slack/bolt');

const app = new App({
  signingSecret: process.env.SIGNING_SECRET,
  authorize: async () => ({ botToken: 'xoxb-not-used', botId: 'B0BENCH01', botUserId: 'U0BOT0001' }),
  logLevel: LogLevel.ERROR,
});
app.event('message', async () => {});
(async () => {
  await app.start(Number(process.env.PORT));
  console.log('bolt listening');
})();
