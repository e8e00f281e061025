/** For operations that take no body: any field sent is refused, never silently ignored. */
export class NoBodyDto {}
