-- What a municipality's admin sets about it (issue #11): the public base
-- URL its mails link to, a logo (an uploaded image), two brand colours
-- (checked against WCAG AA contrast), postal address and phone, the
-- regional key (ARS, 12 digits) and the open-data contributor id (an IRI
-- under http://dcat-ap.de/def/contributors/). Empty means "not set".
ALTER TABLE municipalities ADD COLUMN base_url TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN logo_image_id INTEGER REFERENCES images(id);
ALTER TABLE municipalities ADD COLUMN brand_primary TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN brand_secondary TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN contact_address TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN ars TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN contributor_id TEXT NOT NULL DEFAULT '';
