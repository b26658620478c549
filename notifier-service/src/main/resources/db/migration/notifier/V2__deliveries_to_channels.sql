-- Issue 9: a delivery goes to a channel (a webhook today; Slack, Telegram, PagerDuty and e-mail
-- next), named uniquely across all channel types. Delivery ids stay derived from the event and the
-- channel's name, so deliveries queued before this version keep theirs.
alter table delivery rename column webhook to channel;
