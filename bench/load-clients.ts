/**
 * `clients` concurrent callers, each sending `request` again as soon as it is answered, until
 * `until` (epoch ms); the answers, each described by `request` (failures as `error …`).
 */
export async function repeatUntil(
  until: number,
  clients: number,
  request: () => Promise<string>,
): Promise<string[]> {
  const answers: string[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        answers.push(await request().catch((error: Error) => `error ${error.message}`));
      }
    }),
  );
  return answers;
}
