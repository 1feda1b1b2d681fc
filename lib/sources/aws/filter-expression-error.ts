/** A filter the X-Ray filter expression cannot say, or a malformed one: the route answers 400 with its message. */
export class FilterExpressionError extends Error {}
