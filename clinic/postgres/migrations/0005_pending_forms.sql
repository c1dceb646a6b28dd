-- Forms still waiting to be drawn, oldest first: the dispatcher's sweep for tasks the queue lost.
CREATE INDEX forms_pending ON forms (created_at) WHERE status = 'pending';
