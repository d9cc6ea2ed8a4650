-- When the receipt of a queue batch was committed on degreehub.filing.receipt. A queue batch stored without
-- it (the hub died between the database commit and the broker's) gets its receipt from the reconciler.
ALTER TABLE filing_batch ADD receipt_sent_at TIMESTAMP;
UPDATE filing_batch SET receipt_sent_at = received_at;
CREATE INDEX ix_filing_batch_receipt ON filing_batch (channel, receipt_sent_at);
