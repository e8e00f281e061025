import {
  auditPaths,
  hashLeaf,
  rootFromAuditPath,
  treeHash,
} from '../../../src/domain/audit/merkle-tree';

/**
 * The Merkle tree behind checkpoints is RFC 9162's, so it is checked against the reference test
 * data of Certificate Transparency (the eight leaves, roots and audit paths published with the
 * Go and C++ implementations and reused by Trillian and transparency-dev/merkle), not against
 * values this code produced.
 */
const LEAF_DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const leaves = LEAF_DATA.map((hex) => hashLeaf(Buffer.from(hex, 'hex')));

/** MTH(D[n]) for n = 0…8. */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** [leaf index, tree size, audit path]. */
const PATHS: [number, number, string[]][] = [
  [0, 1, []],
  [0, 2, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7']],
  [1, 2, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const hex = (buffers: readonly Buffer[]) => buffers.map((buffer) => buffer.toString('hex'));
const buffers = (hexes: readonly string[]) => hexes.map((text) => Buffer.from(text, 'hex'));

describe('the Merkle tree (RFC 9162)', () => {
  test.each(ROOTS.map((root, size) => [size, root] as const))(
    'the root of the first %i reference leaves is the published one',
    (size, root) => {
      expect(treeHash(leaves.slice(0, size)).toString('hex')).toBe(root);
    },
  );

  test.each(PATHS)('the audit path of leaf %i of %i is the published one', (index, size, path) => {
    expect(hex(auditPaths(leaves.slice(0, size), [index]).get(index)!)).toEqual(path);
  });

  test('the paths of many leaves, built in one walk, are each the path of that leaf alone', () => {
    for (let size = 1; size <= 8; size += 1) {
      const tree = leaves.slice(0, size);
      const all = auditPaths(
        tree,
        tree.map((_, index) => index),
      );
      for (let index = 0; index < size; index += 1) {
        expect(hex(all.get(index)!)).toEqual(hex(auditPaths(tree, [index]).get(index)!));
      }
    }
  });

  test.each(PATHS)(
    'the published path of leaf %i of %i leads to the published root',
    (index, size, path) => {
      expect(rootFromAuditPath(leaves[index], index, size, buffers(path))?.toString('hex')).toBe(
        ROOTS[size],
      );
    },
  );

  test('every path of every tree up to 40 leaves leads back to its root', () => {
    const many = Array.from({ length: 40 }, (_, i) => hashLeaf(Buffer.from([i])));
    for (let size = 1; size <= many.length; size += 1) {
      const tree = many.slice(0, size);
      const root = treeHash(tree);
      const paths = auditPaths(
        tree,
        tree.map((_, index) => index),
      );
      for (const [index, path] of paths) {
        expect(rootFromAuditPath(tree[index], index, size, path)).toEqual(root);
      }
    }
  });

  test('a path is refused for another leaf, another place, another size, or with a sibling added or dropped', () => {
    const [index, size, published] = PATHS[6];
    const path = buffers(published);
    const root = ROOTS[size];
    const reach = (leaf: Buffer, at: number, treeSize: number, siblings: Buffer[]) =>
      rootFromAuditPath(leaf, at, treeSize, siblings)?.toString('hex') ?? null;
    expect(reach(leaves[index], index, size, path)).toBe(root);
    expect(reach(leaves[4], index, size, path)).not.toBe(root);
    expect(reach(leaves[index], 4, size, path)).not.toBe(root);
    expect(reach(leaves[index], index, 6, path)).not.toBe(root);
    expect(reach(leaves[index], index, size, path.slice(0, 2))).toBeNull();
    expect(reach(leaves[index], index, size, [...path, path[0]])).toBeNull();
    expect(reach(leaves[index], size, size, path)).toBeNull();
    expect(reach(leaves[index], -1, size, path)).toBeNull();
  });

  test('a node can never pass for a leaf: leaves and nodes are hashed with different prefixes', () => {
    // The node over leaves 0 and 1, offered as a one-leaf "tree" of its two children's bytes.
    const node = treeHash(leaves.slice(0, 2));
    const asLeaf = hashLeaf(Buffer.concat([leaves[0], leaves[1]]));
    expect(asLeaf.equals(node)).toBe(false);
  });

  test('asking for a leaf outside the tree is a programming error', () => {
    expect(() => auditPaths(leaves.slice(0, 3), [3])).toThrow(RangeError);
  });
});
