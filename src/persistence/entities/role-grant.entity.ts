import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A role held by a user; `unitId` (null = everywhere) is the scope the organisation issue adds. */
@Entity({ name: 'role_grants' })
@Index('role_grants_user', ['userId'])
export class RoleGrantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;
}
