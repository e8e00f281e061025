import { Injectable } from '@nestjs/common';
import { instance, type Viz } from '@viz-js/viz';
import { AppError } from '../common/errors';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { WorkflowCatalogue, WorkflowNotFoundError } from '../domain/workflow/workflow-catalogue';
import { accessibleSvg, workflowDot, type DiagramLanguage } from './workflow-diagram';

/**
 * Draws a workflow version as SVG with Graphviz (WebAssembly, in this process: no binary to
 * install, nothing fetched). A version's file never changes once published (cases pin its hash)
 * and `current` must be one of its states, so the drawings are few and each is drawn once.
 */
@Injectable()
export class WorkflowDiagrams {
  /** Compiling the WebAssembly module takes a moment and memory: only once, and only if asked. */
  private viz: Promise<Viz> | undefined;
  private readonly drawn = new Map<string, Promise<string>>();

  constructor(private readonly catalogue: WorkflowCatalogue) {}

  svg(id: string, version: number, lang: DiagramLanguage, current?: string): Promise<string> {
    const workflow = this.workflow(id, version);
    if (current !== undefined && !Object.hasOwn(workflow.definition.machine.states, current)) {
      throw unknownState(workflow, current);
    }
    const key = JSON.stringify([id, version, lang, current ?? null]);
    let svg = this.drawn.get(key);
    if (svg === undefined) {
      svg = this.draw(workflow, lang, current);
      this.drawn.set(key, svg);
      // A failed drawing is not kept: the next request tries again.
      svg.catch(() => this.drawn.delete(key));
    }
    return svg;
  }

  private async draw(
    workflow: CompiledWorkflow,
    lang: DiagramLanguage,
    current: string | undefined,
  ): Promise<string> {
    this.viz ??= instance();
    const request = { workflow, lang, current };
    const svg = (await this.viz).renderString(workflowDot(request), {
      format: 'svg',
      engine: 'dot',
    });
    return accessibleSvg(svg, request);
  }

  private workflow(id: string, version: number): CompiledWorkflow {
    try {
      return this.catalogue.get(id, version);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw workflowNotFound(id, version);
      throw error;
    }
  }
}

function workflowNotFound(id: string, version: number): AppError {
  return new AppError(
    'WORKFLOW.NOT_FOUND',
    'not_found',
    `No workflow "${id}" version ${version}.`,
    { id, version },
    {
      vi: `Không có quy trình "${id}" phiên bản ${version}.`,
      en: `No workflow "${id}" version ${version}.`,
    },
  );
}

function unknownState(workflow: CompiledWorkflow, state: string): AppError {
  const { id, version, machine } = workflow.definition;
  const states = Object.keys(machine.states);
  return new AppError(
    'WORKFLOW.UNKNOWN_STATE',
    'invalid',
    `Workflow "${id}" version ${version} has no state "${state}".`,
    { state, states },
    {
      vi: `Quy trình "${id}" phiên bản ${version} không có bước "${state}".`,
      en: `Workflow "${id}" version ${version} has no state "${state}".`,
    },
  );
}
