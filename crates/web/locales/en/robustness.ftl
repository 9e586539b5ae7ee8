# Robustness against broken and malicious input (issue #12, part H)
error-image-broken = The image is damaged or incomplete. Please save it again and upload it once more.
error-malformed-request = The request is malformed: a value in the address does not fit
error-malformed-request-help = Please check the address. Numbers must be whole numbers, texts valid characters.
error-malformed-media-type = The request has the wrong format: JSON is expected (Content-Type: application/json)
error-malformed-body = The content of the request does not fit the expected format
