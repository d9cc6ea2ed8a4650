-- When a batch's storing transaction ended (received_at is when it began): the receipt reconciler judges a queue
-- batch "stored without a receipt" from this, so a batch whose storing takes long is not answered twice.
ALTER TABLE filing_batch ADD stored_at TIMESTAMP;
UPDATE filing_batch SET stored_at = received_at;
