-- An event is recorded before its effect runs and marked handled once the effect is done. A row
-- left unhandled (its instance died in between) does not make the provider's next delivery a
-- duplicate: that delivery is acted on, so a replay always converges.
ALTER TABLE provider_events ADD COLUMN handled_at TIMESTAMP WITH TIME ZONE;
UPDATE provider_events SET handled_at = received_at;
